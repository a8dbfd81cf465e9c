#ifndef LRLENS_CHDF5_SHIM_H
#define LRLENS_CHDF5_SHIM_H
#include <hdf5.h>

// HDF5's id "constants" are macros that expand to a call plus a global; Swift cannot import
// them, so each one is returned from a static inline function (which also runs H5open first).
static inline hid_t lrlens_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t lrlens_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t lrlens_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t lrlens_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t lrlens_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t lrlens_h5s_all(void) { return H5S_ALL; }
static inline unsigned lrlens_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned lrlens_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hid_t lrlens_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t lrlens_h5p_file_access(void) { return H5P_FILE_ACCESS; }

// The standard numeric file types, for recognising a dataset's type with H5Tequal: 0-3 are
// IEEE float32/float64 (little-, then big-endian), 4-19 the signed then unsigned integers of
// 8, 16, 32 and 64 bits (little-, then big-endian, per size). Any other index gives -1.
static inline hid_t lrlens_h5t_standard_number(int index) {
  switch (index) {
  case 0: return H5T_IEEE_F32LE;
  case 1: return H5T_IEEE_F32BE;
  case 2: return H5T_IEEE_F64LE;
  case 3: return H5T_IEEE_F64BE;
  case 4: return H5T_STD_I8LE;
  case 5: return H5T_STD_I8BE;
  case 6: return H5T_STD_I16LE;
  case 7: return H5T_STD_I16BE;
  case 8: return H5T_STD_I32LE;
  case 9: return H5T_STD_I32BE;
  case 10: return H5T_STD_I64LE;
  case 11: return H5T_STD_I64BE;
  case 12: return H5T_STD_U8LE;
  case 13: return H5T_STD_U8BE;
  case 14: return H5T_STD_U16LE;
  case 15: return H5T_STD_U16BE;
  case 16: return H5T_STD_U32LE;
  case 17: return H5T_STD_U32BE;
  case 18: return H5T_STD_U64LE;
  case 19: return H5T_STD_U64BE;
  default: return H5I_INVALID_HID;
  }
}

// The file types the reference trainer's exporters write, as h5py and PyTables write them
// (little-endian, whatever the machine), and the memory type of a numpy bool.
static inline hid_t lrlens_h5t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t lrlens_h5t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t lrlens_h5t_std_b8le(void) { return H5T_STD_B8LE; }
static inline hid_t lrlens_h5t_native_b8(void) { return H5T_NATIVE_B8; }
static inline hid_t lrlens_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t lrlens_h5p_group_create(void) { return H5P_GROUP_CREATE; }

/// Turns off HDF5's automatic printing of its error stack to stderr.
static inline herr_t lrlens_h5_silence_errors(void) { return H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
#endif
