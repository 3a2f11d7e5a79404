cat <<-EOF
	indented
		more
	EOF
echo done
