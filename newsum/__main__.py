from newsum.cli.app import main

main()
