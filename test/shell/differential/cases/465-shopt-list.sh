shopt | head -5
shopt -p | head -3
