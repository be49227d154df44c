def format_value(value, indent=0, step=2):
    pad = " " * indent
    inner = " " * (indent + step)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{inner}"{k}": {format_value(v, indent + step, step)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(format_value(v) for v in value) + "]"
        items = [inner + format_value(v, indent + step, step) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return str(value)


def count_leaves(value):
    if isinstance(value, dict):
        return sum(count_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_leaves(v) for v in value)
    return 1


def max_depth(value):
    if isinstance(value, dict):
        return 1 + max((max_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((max_depth(v) for v in value), default=0)
    return 0


document = {
    "name": "inventory-service",
    "version": 3,
    "active": True,
    "owner": None,
    "tags": ["api", "internal", "v3"],
    "limits": {"cpu": 2, "memory_mb": 512, "burst": False},
    "endpoints": [
        {"path": "/items", "methods": ["GET", "POST"], "auth": True},
        {"path": "/health", "methods": ["GET"], "auth": False},
    ],
    "notes": "Line one\nSays \"hi\"",
    "empty": {},
    "nothing": [],
}

print(format_value(document))
print(f"leaves: {count_leaves(document)}, depth: {max_depth(document)}")
