"""The logic behind the private UI API (``/ui``): one module per area."""
