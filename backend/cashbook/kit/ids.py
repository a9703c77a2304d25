"""Row ids: UUIDs whose first 48 bits are the creation time in milliseconds (the UUIDv7
layout), so rows inserted together sit together in InnoDB's clustered index instead of landing
on random pages — bank imports insert thousands at once."""

import os
import time
import uuid


def time_ordered_uuid() -> uuid.UUID:
    milliseconds = time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10), "big")
    value = (milliseconds & (2**48 - 1)) << 80 | random_bits
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return uuid.UUID(int=value)
