"""Import hooks of the parse worker: the ``airflow``/``pendulum`` stand-ins and lazy placeholders.

* ``airflow`` and the modules in ``modules.MODULES`` (plus any
  ``airflow.providers.<p>.{operators,sensors,transfers}.<module>``) are served by the shim; any other
  ``airflow.*`` module is a ``ModuleNotFoundError`` naming it.
* ``pendulum`` is the standard-library stand-in ``pendulum_shim``.
* A third-party module that is not installed in the parser environment becomes a placeholder:
  importing it works, but *using* it at parse time (calling, iterating, subclassing...) raises
  ``ModuleNotFoundError: No module named '<name>'`` at that line. Task bodies never run, so
  imports used only there cost nothing.
"""

from __future__ import annotations

import importlib.machinery
import sys
import types
from typing import TYPE_CHECKING, Any

from . import modules, pendulum_shim, standard

if TYPE_CHECKING:
    from importlib.abc import Loader as _LoaderBase
    from importlib.abc import MetaPathFinder as _FinderBase
else:  # the protocols are duck-typed: importing importlib.abc would load much of the stdlib into every worker
    _LoaderBase = _FinderBase = object


class _ShimLoader(_LoaderBase):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        if spec.name == "pendulum":
            return pendulum_shim_module()
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        if name == "pendulum":
            return
        module.__file__ = f"<airgate-shim>/{name.replace('.', '/')}.py"
        builder = modules.MODULES.get(name)
        if builder is not None:
            module.__dict__.update(builder())
        if standard.is_provider_operator_module(name) and name not in modules.MODULES:
            module.__dict__["__getattr__"] = _synthesizer(name)


def pendulum_shim_module() -> types.ModuleType:
    """``pendulum_shim`` under the name ``pendulum``."""
    mod = types.ModuleType("pendulum")
    mod.__dict__.update({k: v for k, v in vars(pendulum_shim).items() if not k.startswith("__")})
    mod.__dict__["__version__"] = pendulum_shim.__version__
    return mod


def _synthesizer(module: str) -> Any:
    def __getattr__(name: str) -> Any:
        if name.startswith("__") or not name[:1].isupper():
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        return standard.synthesized_class(module, name)

    return __getattr__


class ShimFinder(_FinderBase):
    """Serves ``airflow.*`` and ``pendulum``; refuses unknown ``airflow.*`` modules."""

    def find_spec(
        self, fullname: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == "pendulum" or fullname.startswith("pendulum."):
            if fullname != "pendulum":
                raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
            return importlib.machinery.ModuleSpec(fullname, _LOADER)
        if fullname != "airflow" and not fullname.startswith("airflow."):
            return None
        if not modules.served(fullname):
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (not provided by the Airgate DAG parser: it serves airflow.sdk, "
                "the Airflow 3 compat names and provider operators/sensors/transfers)",
                name=fullname,
            )
        return importlib.machinery.ModuleSpec(fullname, _LOADER, is_package=modules.is_package(fullname))


_LOADER = _ShimLoader()


class _Placeholder:
    """Stands for something of a module that is not installed; fails only when used."""

    def __init__(self, root: str, path: str) -> None:
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_path", path)

    def _fail(self, *args: Any, **kwargs: Any) -> Any:
        raise ModuleNotFoundError(
            f"No module named {self._root!r} (needed at parse time by {self._path!r}; it is not installed in "
            "the parser environment)",
            name=self._root,
        )

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Placeholder(self._root, f"{self._path}.{name}")

    __call__ = _fail
    __iter__ = _fail
    __len__ = _fail
    __getitem__ = _fail
    __contains__ = _fail
    __add__ = __radd__ = __sub__ = __mul__ = __truediv__ = _fail
    __lt__ = __le__ = __gt__ = __ge__ = _fail
    __enter__ = _fail
    __int__ = __float__ = __index__ = _fail

    def __mro_entries__(self, bases: Any) -> Any:
        return self._fail()

    def __repr__(self) -> str:
        return f"<not installed: {self._path}>"


class _PlaceholderModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Placeholder(self.__name__.split(".")[0], f"{self.__name__}.{name}")


class _PlaceholderLoader(_LoaderBase):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _PlaceholderModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        module.__path__ = []
        MISSING_IMPORTS.add(module.__name__.split(".")[0])


MISSING_IMPORTS: set[str] = set()


class PlaceholderFinder(_FinderBase):
    """Last on ``sys.meta_path``: a missing non-stdlib module becomes a placeholder."""

    def find_spec(
        self, fullname: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        top = fullname.split(".")[0]
        if top in sys.stdlib_module_names or top in ("airflow", "pendulum", "airgate"):
            return None
        if fullname != top and not isinstance(sys.modules.get(top), _PlaceholderModule):
            return None
        return importlib.machinery.ModuleSpec(fullname, _PlaceholderLoader(), is_package=True)


def install() -> None:
    """Put the finders on ``sys.meta_path`` (first: shim, last: placeholders)."""
    if not any(isinstance(f, ShimFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, ShimFinder())
        sys.meta_path.append(PlaceholderFinder())
