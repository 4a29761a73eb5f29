"""Tasks (工作任务): one model for every piece of work an officer or a business must do and close."""
