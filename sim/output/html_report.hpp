#pragma once
// `ccsim report`: one self-contained HTML file from an HDF5 results file. Charts are inline SVG generated here
// (output/html_report_svg.hpp): no script, font or stylesheet is fetched when the report is opened, so it can
// be mailed, archived and opened offline. Long series are downsampled to ReportOptions::max_points per line.
#include <cstddef>
#include <string>

#include "output/h5_reader.hpp"

namespace ccsim {

struct ReportOptions {
  size_t max_points = 1500;  // per chart line; a month of minutes (43,200) becomes 1,440 buckets of 30 minutes
};

std::string render_html_report(const H5Results& results, const ReportOptions& opt = {});

// Reads `h5_path`, writes the report to `html_path` atomically. InputError for a bad results file,
// OutputError when the report cannot be written.
void write_html_report(const std::string& h5_path, const std::string& html_path, const ReportOptions& opt = {});

}  // namespace ccsim
