from django.utils.decorators import method_decorator

from images import presenters, services
from tools.auth import logging_check
from tools.http import ok, origin_of
from tools.views import ApiView


class ImagesView(ApiView):
    @method_decorator(logging_check)
    def post(self, request):
        image = services.upload_image(user=request.user, upload=request.FILES.get("image"))
        return ok(presenters.image_data(image, origin_of(request)), status=201)
