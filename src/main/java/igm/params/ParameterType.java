package igm.params;

/** The kinds of value a parameter can hold. */
public enum ParameterType {
    /** A real number, possibly bounded. */
    NUMBER,
    /** A whole number, possibly bounded. */
    INTEGER,
    /** true or false. */
    BOOLEAN,
    /** Free text, or one of a list of choices when the spec gives them. */
    STRING,
    /** A file or folder; a relative path is resolved as {@link Parameters#PATH_RULE} says. */
    PATH,
    /** A list of real numbers. */
    NUMBER_LIST,
    /** A table: a list of rows of real numbers, each with the columns the spec names. */
    TABLE
}
