from collections import deque


class Customer:
    def __init__(self, cid, arrival, service):
        self.cid = cid
        self.arrival = arrival
        self.service = service


def simulate(customers, tellers):
    queue = deque(customers)
    free_at = [0] * tellers
    total_wait = 0
    log = []
    while queue:
        c = queue.popleft()
        teller = min(range(tellers), key=lambda t: (free_at[t], t))
        start = max(free_at[teller], c.arrival)
        wait = start - c.arrival
        total_wait += wait
        free_at[teller] = start + c.service
        log.append(f"customer {c.cid}: teller {teller + 1}, start {start}, wait {wait}, done {start + c.service}")
    return log, total_wait, max(free_at)


arrivals = [(1, 0, 5), (2, 1, 3), (3, 2, 8), (4, 3, 2), (5, 4, 4), (6, 10, 1), (7, 11, 6), (8, 12, 2)]
for tellers in (1, 2, 3):
    customers = [Customer(*a) for a in arrivals]
    log, total_wait, finish = simulate(customers, tellers)
    print(f"--- {tellers} teller(s) ---")
    for line in log:
        print(line)
    print(f"average wait: {total_wait / len(customers):.2f}, all done at {finish}")
