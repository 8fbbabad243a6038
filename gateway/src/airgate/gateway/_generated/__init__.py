"""msgspec models generated from the vendored OpenAPI documents.

generated from openapi/*.yaml|json by openapi/codegen.py, do not edit

* ``public`` -- openapi/v2-rest-api-generated.yaml
* ``ui`` -- openapi/_private_ui.yaml
* ``auth`` -- openapi/v2-simple-auth-manager-generated.yaml
* ``execution`` -- openapi/execution-api-2026-04-06.json
"""
