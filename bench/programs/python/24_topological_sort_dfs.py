def topo_sort(deps):
    """DFS-based topological sort; raises on cycles."""
    WHITE, GRAY, BLACK = 0, 1, 2
    color = {node: WHITE for node in deps}
    order = []

    def visit(node, path):
        if color[node] == GRAY:
            raise ValueError("cycle: " + " -> ".join(path + [node]))
        if color[node] == BLACK:
            return
        color[node] = GRAY
        for dep in deps[node]:
            visit(dep, path + [node])
        color[node] = BLACK
        order.append(node)

    for node in sorted(deps):
        visit(node, [])
    return order


tasks = {
    "deploy": ["test", "build"],
    "test": ["build"],
    "build": ["compile", "assets"],
    "compile": ["fetch"],
    "assets": ["fetch"],
    "fetch": [],
    "docs": ["compile"],
}
print("Build order:")
for i, task in enumerate(topo_sort(tasks), 1):
    print(f"  {i}. {task}")

cyclic = {"a": ["b"], "b": ["c"], "c": ["a"]}
try:
    topo_sort(cyclic)
except ValueError as e:
    print("Error:", e)
