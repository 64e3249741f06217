// The fuzz targets compile the calendar sources without the generated embedded data.
#include "calendar/holiday_data.hpp"

namespace motcua::calendar {

std::string_view EmbeddedHolidayData() {
    return {};
}

}  // namespace motcua::calendar
