echo ~root
echo ~nosuchuser
