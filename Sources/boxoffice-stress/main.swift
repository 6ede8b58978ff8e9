print("boxoffice-stress: not yet built")
