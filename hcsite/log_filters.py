import logging


class ClientErrorsOnOneLine(logging.Filter):
    """
    Log a refused request (a 4xx) as one line, without its traceback: a malformed body or a
    forged header is the client's mistake, and any client can send thousands of them.
    Server errors keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status_code = getattr(record, "status_code", None)
        if status_code is not None and status_code < 500:
            record.exc_info = None
            record.exc_text = None
        return True
