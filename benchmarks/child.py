"""One measured step in a process of its own: ``python -m benchmarks.child STEP PARAMS``.

Prints one JSON line: the step's figures, plus the process's peak resident memory
(``peak_mb``) and what it was before the step began (``base_mb``), so that a step's
memory is not blurred by the steps before it.
"""

import json
import os
import resource
import sys


def peak_mb():
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()
    from benchmarks.steps import STEPS

    step, params = sys.argv[1], json.loads(sys.argv[2])
    base = peak_mb()
    figures = STEPS[step](params)
    figures.update({"peak_mb": peak_mb(), "base_mb": base})
    sys.stdout.write("\n" + json.dumps(figures, default=str) + "\n")


if __name__ == "__main__":
    main()
