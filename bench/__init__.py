"""Side-by-side benchmarks of Airgate against a real Apache Airflow 3.2.2 (``python -m bench``)."""
