"""vinculo's built-in plugins: ordinary plugins, registered first, blockable by name."""
