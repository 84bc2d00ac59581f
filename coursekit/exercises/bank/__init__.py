"""Question banks, one module each: ``mNN_<topic>.py`` registers questions ``"NN.k"``."""
