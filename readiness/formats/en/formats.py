# Hong Kong English writes dates day first ("22 November 2026"), not Django's American
# default ("Nov. 22, 2026"). Chinese keeps Django's own zh_Hant formats (2026年11月22日).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
