//! The coalition archive (issue 13, point 6): `samenspel export` and `import` through the real
//! binary, the round trip between database kinds, who may ask for an export through the API,
//! and files that must be refused with nothing imported.

mod access;
mod bad_files;
mod round_trip;
mod support;
