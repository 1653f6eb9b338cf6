app_name = "mentorships"

urlpatterns: list = []
