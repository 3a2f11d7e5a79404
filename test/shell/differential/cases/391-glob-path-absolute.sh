echo /etc/host*
