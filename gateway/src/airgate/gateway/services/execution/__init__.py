"""The logic behind the Execution API: functions over a store connection and plain values."""
