/**
 * The field catalogue ({@link igm.field.FieldSpec}): each IGM variable's name, units, CF standard name and long
 * name, and which fields are the two components of one vector. Readers, writers, instructor snapshots and the
 * emulator's channels take their names and attributes from here; kernels work on flat arrays.
 */
package igm.field;
