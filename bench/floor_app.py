"""The floor for bench/startup.py: the smallest Typer app with a subcommand.

Run as `python bench/floor_app.py hello`. It pays what any Typer CLI pays at start-up
(the interpreter, typer, click, rich) and nothing else, so pmladder's start-up is
measured as a ratio to it. The second command makes Typer treat the app as a group
of subcommands, as pmladder is.
"""

import typer

app = typer.Typer()


@app.command()
def hello():
    print("hi")


@app.command()
def bye():
    print("bye")


if __name__ == "__main__":
    app()
