import logging


class ClientErrorsOnOneLine(logging.Filter):
    """
    Log a refused request (a 4xx) as one line, without its traceback: a malformed body or a
    forged header is the client's mistake, and any client can send thousands of them.
    Server errors keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
