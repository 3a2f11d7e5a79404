echo $(echo $(echo deep))
echo "$(echo "$(echo nested quotes)")"
