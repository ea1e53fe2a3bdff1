// Loaded by a stem cell before it has a function, to load Node.js's CommonJS loader early.
