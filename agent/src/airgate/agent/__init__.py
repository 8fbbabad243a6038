"""airgate-agent: the native fast-path task runner. It runs one task instance and speaks only to the
Execution API (``python -m airgate.agent --json-string <ExecuteTask JSON>``; see ``docs/agent.md``).

Nothing is imported here: a task process must reach its ``/run`` call quickly.
"""
