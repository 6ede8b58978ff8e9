import Booking
print("boxoffice")
