"""OpenAPI post-processing: every parameter gets a description, including ones DRF adds itself."""

GENERATED_DESCRIPTIONS = {
    "format": "Response format: {enum}. The same as sending the matching Accept header.",
}


def describe_generated_parameters(result, generator, request, public):
    """Give DRF's own query parameters (``format``) a description; drf-spectacular leaves them bare."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                template = GENERATED_DESCRIPTIONS.get(parameter.get("name"))
                if template and not parameter.get("description") and parameter.get("in") == "query":
                    enum = parameter.get("schema", {}).get("enum") or []
                    parameter["description"] = template.format(enum=", ".join(enum) or "see enum")
    return result
