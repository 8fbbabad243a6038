"""The simple auth manager's own API, mounted at ``/auth``."""
