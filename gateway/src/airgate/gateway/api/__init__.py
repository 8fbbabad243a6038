"""HTTP layer: thin handlers that decode, call one service and encode."""
