from collections import deque

GRAPH = {
    "A": ["B", "C"],
    "B": ["A", "D", "E"],
    "C": ["A", "F"],
    "D": ["B"],
    "E": ["B", "F"],
    "F": ["C", "E", "G"],
    "G": ["F"],
    "H": ["I"],
    "I": ["H"],
}


def bfs_order(graph, start):
    seen, order, queue = {start}, [], deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order


def shortest_path(graph, start, goal):
    parents = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = parents[node]
            return path[::-1]
        for nxt in graph[node]:
            if nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    return None


def components(graph):
    seen, result = set(), []
    for node in graph:
        if node not in seen:
            comp = bfs_order(graph, node)
            seen.update(comp)
            result.append(sorted(comp))
    return result


print("BFS from A:", " ".join(bfs_order(GRAPH, "A")))
for goal in ("G", "D", "H"):
    path = shortest_path(GRAPH, "A", goal)
    print(f"A -> {goal}:", " -> ".join(path) if path else "unreachable")
print("Components:", components(GRAPH))
