def fizzbuzz(n):
    """Return the FizzBuzz value for n."""
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)


def main():
    results = [fizzbuzz(i) for i in range(1, 31)]
    for value in results:
        print(value)
    counts = {
        "Fizz": results.count("Fizz"),
        "Buzz": results.count("Buzz"),
        "FizzBuzz": results.count("FizzBuzz"),
    }
    print(f"Fizz: {counts['Fizz']}, Buzz: {counts['Buzz']}, FizzBuzz: {counts['FizzBuzz']}")


main()
