printf 'version = 2\n  SystemdCgroup = false\n' > config.toml
sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' config.toml
grep SystemdCgroup config.toml
