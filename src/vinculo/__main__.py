"""``python -m vinculo`` behaves exactly like the ``vinculo`` command."""

from vinculo.cli import main

if __name__ == "__main__":
    main()
