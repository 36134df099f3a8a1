from bidrag.cli import main

main()
