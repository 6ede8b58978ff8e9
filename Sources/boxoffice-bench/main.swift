print("boxoffice-bench: not yet built")
