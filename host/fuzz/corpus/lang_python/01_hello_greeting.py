def greet(name, excited=False):
    """Return a greeting for the given name."""
    greeting = f"Hello, {name}!"
    if excited:
        greeting = greeting.upper()
    return greeting


def main():
    names = ["Alice", "Bob", "Charlie"]
    for name in names:
        print(greet(name))
    print(greet("world", excited=True))
    print(f"Greeted {len(names) + 1} people.")


if __name__ == "__main__":
    main()
