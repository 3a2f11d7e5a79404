printf "web\ndb\nweb\ncache\nweb\n" | sort | uniq -c | sort -rn | head -1
