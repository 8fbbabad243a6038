"""Settings read with Airflow's names: ``airflow.cfg`` sections/keys and ``AIRFLOW__SECTION__KEY``."""

from airgate.gateway.config.loader import ConfigError, load_settings
from airgate.gateway.config.options import OPTIONS, Option
from airgate.gateway.config.settings import Settings

__all__ = ["OPTIONS", "ConfigError", "Option", "Settings", "load_settings"]
