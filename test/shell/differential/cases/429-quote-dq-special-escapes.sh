echo "\a \b \n \$ \` \\ \""
