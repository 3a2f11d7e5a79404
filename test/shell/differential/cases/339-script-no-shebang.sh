printf 'echo no shebang $1\n' > ns.sh
chmod +x ns.sh
./ns.sh arg
