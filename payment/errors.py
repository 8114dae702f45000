"""Error codes of the payment app (10500-10599), listed in docs/errors-payment.md."""
INVALID_INPUT = 10501
ORDER_NOT_FOUND = 10502
OWN_ARTICLE = 10503
FREE_ARTICLE = 10504
ALREADY_BOUGHT = 10505
