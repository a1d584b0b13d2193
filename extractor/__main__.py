from extractor.cli import run

run()
