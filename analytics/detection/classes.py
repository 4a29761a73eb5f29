"""The detection classes, with exactly these names in every output."""

CLASSES: tuple[str, ...] = (
    "person",
    "chef_hat",
    "no_chef_hat",
    "mask",
    "no_mask",
    "work_clothes",
    "no_work_clothes",
    "smoking",
    "phone",
    "rat",
    "bin_open",
    "bin_closed",
)
CLASS_INDEX = {name: i for i, name in enumerate(CLASSES)}
# violations the alert rules watch by default (the others describe what is compliant)
VIOLATIONS = ("no_chef_hat", "no_mask", "no_work_clothes", "smoking", "phone", "rat", "bin_open")
