"""How often a message may be delivered before it is set aside, and where it goes then: the
same rule for RabbitMQ (`worker/app.py`) and the embedded broker (`worker/embedded.py`)."""

DEAD_LETTER_EXCHANGE = "cashbook.dead"
DEAD_LETTER_QUEUE = "dead_letter"
# RabbitMQ dead-letters a message on the return that makes its count exceed the limit, so a
# limit of 4 means at most 5 deliveries (the first and four redeliveries).
DELIVERY_LIMIT = 4
MAX_DELIVERIES = DELIVERY_LIMIT + 1
