"""The Task Execution API (``/execution``, version ``2026-04-06``): one module per tag, one function per operationId."""
