greet() { echo hello; }
type greet
