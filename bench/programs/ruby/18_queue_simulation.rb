Customer = Struct.new(:id, :arrival, :service)

def simulate(customers, tellers)
  queue = customers.dup
  free_at = Array.new(tellers, 0)
  total_wait = 0
  log = []
  until queue.empty?
    c = queue.shift
    teller = (0...tellers).min_by { |t| [free_at[t], t] }
    start = [free_at[teller], c.arrival].max
    wait = start - c.arrival
    total_wait += wait
    free_at[teller] = start + c.service
    log << "customer #{c.id}: teller #{teller + 1}, start #{start}, wait #{wait}, done #{start + c.service}"
  end
  [log, total_wait, free_at.max]
end

arrivals = [[1, 0, 5], [2, 1, 3], [3, 2, 8], [4, 3, 2], [5, 4, 4], [6, 10, 1], [7, 11, 6], [8, 12, 2]]
[1, 2, 3].each do |tellers|
  customers = arrivals.map { |a| Customer.new(*a) }
  log, total_wait, finish = simulate(customers, tellers)
  puts "--- #{tellers} teller(s) ---"
  puts log
  puts format('average wait: %.2f, all done at %d', total_wait.to_f / customers.size, finish)
end
